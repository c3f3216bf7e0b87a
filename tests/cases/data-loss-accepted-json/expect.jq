.verdict == "warnings"
.findings[] | select(.id == "vmm.encrypted-data-not-retained") | .severity == "blocker" and .waived.accepted == true and .waived.expires == null and (.waived.reason | contains("upgrade.accept_encrypted_data_loss"))
# a waiver from the estate's waivers list carries no "accepted"
[.findings[] | select(.waived != null and .id != "vmm.encrypted-data-not-retained")] == []
