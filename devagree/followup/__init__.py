"""Follow-up: status history, the deadline list, the follow-up sheet and its collection, and
the committee report's model and charts.
"""
