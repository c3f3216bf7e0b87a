[.findings[] | select(.id | startswith("estate."))] == []
