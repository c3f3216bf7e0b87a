# Four products on one SQL Server instance (SQL01): SQL Server is upgraded once, on SQL01, never on the products' servers
[.steps[] | select(.action == "upgrade-sql")] | length == 1
.steps[] | select(.action == "upgrade-sql") | .servers == ["SQL01"] and .instance == "MSSQLSERVER" and .component == null and .product == "sql_server" and .role == "sql_instance"
.steps[] | select(.action == "upgrade-sql") | .for == ["orch","scsm","dpm","om"]
# a version is named, and it is one every component accepts at 2019 and 2022: 2016 SP2 -> 2017
.steps[] | select(.action == "upgrade-sql") | .from == "2016 SP2" and .to == "2017"
# no SQL Server work on an application server
[.steps[] | select((.title | test("SQL Server to a version")) and .servers != ["SQL01"])] == []
# it comes before the first hop that needs it: Service Manager's move to 2022, and after every 2019 hop
(.steps[] | select(.action == "upgrade-sql") | .id) as $q | [.steps[] | select(.component == "scsm" and .to == "2022" and .action == "upgrade") | .id] | min > $q
(.steps[] | select(.action == "upgrade-sql") | .id) as $q | [.steps[] | select(.to == "2019" and .action == "upgrade") | .id] | max < $q
# every sql.unsupported finding is resolved by that step
(.steps[] | select(.action == "upgrade-sql") | .id) as $q | all(.findings[] | select(.id == "sql.unsupported"); .resolved_by == [$q])
[.findings[] | select(.id == "sql.unsupported") | .component] | sort == ["dpm","om","scsm"]
