"""The built-in user guide (Quy chế Điều 10.2): pages per role inside the
site, illustrated by screenshots the browser tests take (so they stay true)."""
