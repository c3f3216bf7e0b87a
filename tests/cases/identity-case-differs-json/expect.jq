[.findings[] | select(.id == "os.unsupported") | .servers] == [["vmm01"]]
[.findings[] | select(.id == "estate.unknown" or .id == "estate.unused-server")] == []
