"""Political strategies: which tracks the agreements carry, roll-ups of UN goals and
budgets, and money as people write it.
"""
