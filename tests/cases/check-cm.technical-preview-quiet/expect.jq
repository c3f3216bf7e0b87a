[.findings[] | select(.id == "cm.technical-preview")] | length == 0
