"""Register books (sổ đăng ký): the listing of NĐ 30/2020 Phụ lục IV,
its daily print as PDF, XLSX export, closing the book and the new year."""
