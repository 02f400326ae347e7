"""Synthetic but realistic land certificates, a cadastral map and a paper map sheet, with ground truth."""
