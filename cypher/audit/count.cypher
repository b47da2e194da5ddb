// How many audit events there are (tests prove none can be deleted through the API).
MATCH (e:AuditEvent)
RETURN count(e) AS events
