# an alias as a member, and an anchored list used by two roles: the members are read as written
.findings[] | select(.id == "vmm.pending-restart") | .servers == ["VMM01"]
[.findings[] | select(.id == "vmm.hosts-not-listed")] | length == 0
