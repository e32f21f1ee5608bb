"""Routing inside and between agencies: steps, the roles they grant with
their cause, the trail, delivery, what waits for whom, notifications."""
