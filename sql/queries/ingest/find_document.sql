select id, status from source_document where sha256 = %(sha256)s
