-- Close a commune's digitisation (qa.digitisation.close); closing it again keeps the first closing.
insert into commune_digitisation (commune_code, closed_by)
values (%(commune_code)s, %(actor)s)
on conflict (commune_code) do nothing
returning id
