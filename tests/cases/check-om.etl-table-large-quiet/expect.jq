[.findings[] | select(.id == "om.etl-table-large")] | length == 0
