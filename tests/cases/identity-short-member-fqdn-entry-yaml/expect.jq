[.findings[] | select(.id == "os.unsupported") | .servers] == [["vmm01.contoso.com"]]
[.findings[] | select(.id == "estate.unknown" or .id == "estate.unused-server")] == []
