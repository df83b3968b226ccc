"""The ground every command stands on: the model, reading YAML with positions, the schemas,
problems and their places, the workbook settings, and the one write path.
"""
