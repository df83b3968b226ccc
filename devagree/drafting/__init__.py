"""Writing agreements: the YAML writer for new and imported documents, the workbook
scaffold, and next period's draft.
"""
