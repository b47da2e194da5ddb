// Appends one audit event (:AuditEvent, apart from the threat data: no :Entity label, no
// relationships, no `id` property). No statement of the product changes or deletes one.
CREATE (e:AuditEvent {
  eventId: $eventId, at: $at, actor: $actor, actorRole: $actorRole, ip: $ip,
  action: $action, targets: $targets, before: $before, after: $after
})
RETURN e.eventId AS eventId
