# `servers:` after `components:`: the members (named in another case) are still the described servers
.findings[] | select(.id == "os.unsupported") | .servers == ["VMM01"] and (.detail | contains("Windows Server 2008 R2"))
.findings[] | select(.id == "vmm.domain-member") | .servers == ["VMM01"]
.verdict == "blocked"
