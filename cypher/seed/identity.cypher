// The identity of the seed the database holds: written by a seed's last transaction only, so it is
// absent (or names other files) until a seed has completed.
OPTIONAL MATCH (d:Dataset {id: 'seed'})
RETURN d.hash AS hash, d.loaderVersion AS loaderVersion, d.loadedAt AS loadedAt
