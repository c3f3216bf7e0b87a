[.findings[] | select(.id == "lab.linked-to-om")] | length == 1
.findings[] | select(.id == "lab.linked-to-om") | .component == "vmm"
