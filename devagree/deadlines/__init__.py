"""Deadlines as documents write them: the grammar, its words, the calendar of holidays and
periods, and the precision of a due date.
"""
