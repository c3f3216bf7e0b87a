[.findings[] | select(.id == "om.duplicate-mp-aliases")] | length == 0
