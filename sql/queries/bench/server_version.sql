-- The server's version, for the machine bench/scale.py describes.
show server_version
