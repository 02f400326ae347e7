"""Reading scanned land certificates: page images, preprocessing, Tesseract, field extraction, cross-checks."""
