.verdict == "warnings"
[.findings[] | select(.id == "vmm.encrypted-data-not-retained")] | length == 1
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .waived != null
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | (.waived.reason | contains("accept_encrypted_data_loss"))
.findings[] | select(.id == "vmm.wsman-limits") | .waived == null
