[.findings[] | select(.id == "estate.unused-server") | .servers] == [["sql-01"]]
.findings[] | select(.id == "estate.unused-server") | .detail | contains("closest name in the estate: SQL01 (database of vmm)")
