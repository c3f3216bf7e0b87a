[.findings[] | select(.id == "cm.all-sites-sp1")] | length == 0
