-- A stored scan: where it is and its content hash (the page images are rendered from it on request).
select d.id, d.path, d.sha256, d.pages, d.media_type from source_document d where d.id = %(id)s
