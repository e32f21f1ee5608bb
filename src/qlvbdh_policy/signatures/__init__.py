"""Digital signatures on documents' PDF files: verified with pyHanko, and
the agency's own signature applied at issue (NĐ 30/2020 Điều 4, Phụ lục I;
Phụ lục VI II.8)."""
