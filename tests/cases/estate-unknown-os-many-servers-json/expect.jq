[.findings[] | select(.id == "estate.unknown") | .servers | length] == [20]
.findings[] | select(.id == "estate.unknown") | .detail | contains("could not judge 29 servers of om (role management_server): OM01, OM02,")
.findings[] | select(.id == "estate.unknown") | .detail | contains("OM20 and 9 more;")
