insert into source_document (sha256, path, pages, media_type, status)
values (%(sha256)s, %(path)s, %(pages)s, %(media_type)s, 'loaded')
on conflict (sha256) do nothing
returning id
