# facts: CONDITIONAL PASS (run the script first); ordo: a blocker the plan's script step resolves (resolved_by), so exit 1
.findings[] | select(.id == "vmm.netscaler-script") | .severity == "blocker" and (.resolved_by | length >= 1)
.findings[] | select(.id == "vmm.netscaler-script") | [.remediation[].text] | any(contains("ALTER TABLE [dbo].[tbl_NetMan_HardwareModelSettings] ALTER COLUMN Version NVARCHAR(255) NULL"))
.verdict == "planned"
