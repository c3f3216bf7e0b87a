# the shared-instance estate written as JSON plans the same SQL Server step
[.steps[] | select(.action == "upgrade-sql") | {servers, instance, from, to, for}] == [{"servers":["SQL01"],"instance":"MSSQLSERVER","from":"2016 SP2","to":"2017","for":["orch","scsm","dpm","om"]}]
