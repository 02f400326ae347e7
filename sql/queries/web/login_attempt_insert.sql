insert into login_attempt (username, address, ok) values (%(username)s, %(address)s, %(ok)s)
