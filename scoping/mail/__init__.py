"""E-mail: messages as plain text and HTML, sent by a job, recorded, never sent twice."""
