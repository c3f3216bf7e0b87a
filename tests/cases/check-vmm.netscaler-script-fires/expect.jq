[.findings[] | select(.id == "vmm.netscaler-script")] | length == 1
.findings[] | select(.id == "vmm.netscaler-script") | .severity == "blocker"
# cli.md: running the documented script is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "vmm.netscaler-script") | [.remediation[] | select(.type == "command") | .text] | any(contains("ALTER TABLE [dbo].[tbl_NetMan_HardwareModelSettings] ALTER COLUMN Version NVARCHAR(255) NULL"))
.findings[] | select(.id == "vmm.netscaler-script") | (.resolved_by | length >= 1)
