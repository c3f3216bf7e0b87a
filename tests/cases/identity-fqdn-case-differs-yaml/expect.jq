[.findings[] | select(.id == "os.unsupported") | .servers] == [["VMM01.Contoso.COM"]]
[.findings[] | select(.id == "estate.unknown" or .id == "estate.unused-server")] == []
