[.findings[] | select(.id == "om.etl-table-large")] | length == 1
.findings[] | select(.id == "om.etl-table-large") | .severity == "warning"
.findings[] | select(.id == "om.etl-table-large") | (.detail | contains("100001"))
