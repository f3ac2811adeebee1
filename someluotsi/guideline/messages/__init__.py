"""Citizens' messages: triage (category, actions, priority, suggested reply) and tone (the
reaction quality of a message). Triage runs the checker on the message."""
