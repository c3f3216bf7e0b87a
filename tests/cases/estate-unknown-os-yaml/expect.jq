# VMM01 has an entry without os; the console has no OS list at 2022 and the anonymous hosts have no facts: neither is asked about
[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("os.unsupported ")) and (.detail | contains("needs server.os,")))] | length == 1
.verdict == "warnings"
[.findings[] | select(.id == "estate.unknown") | {severity, waivable, component, servers}] == [{"severity":"warning","waivable":false,"component":"vmm","servers":["VMM01"]}]
.findings[] | select(.id == "estate.unknown") | .detail | contains("could not judge 1 server of vmm (role management_server): VMM01;")
.findings[] | select(.id == "estate.unknown") | .detail | contains("Add the operating system of VMM01 under servers:")
