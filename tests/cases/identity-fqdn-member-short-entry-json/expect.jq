[.findings[] | select(.id == "os.unsupported") | .servers] == [["VMM01"]]
[.findings[] | select(.id == "estate.unknown" or .id == "estate.unused-server")] == []
