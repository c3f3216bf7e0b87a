[.findings[] | select(.id == "cm.standalone-consoles")] | length == 0
