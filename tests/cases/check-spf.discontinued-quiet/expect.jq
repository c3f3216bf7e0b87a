[.findings[] | select(.id == "spf.discontinued")] | length == 0
