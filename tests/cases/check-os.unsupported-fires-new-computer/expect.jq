[.findings[] | select(.id == "os.unsupported")] | length == 1
.findings[] | select(.id == "os.unsupported") | .servers == ["VMM02"]
