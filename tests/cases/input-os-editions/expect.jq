# 'Microsoft Windows Server 2012 R2 Standard' is 2012 R2; the 2016 editions are 2016
[.findings[] | select(.id == "os.unsupported") | .servers] == [["VMM01"]]
[.findings[] | select(.id == "os.unsupported") | .detail | contains("runs Windows Server 2012 R2;")] == [true]
