"""What a signature proves: digests of the agreed text, recorded signatures compared with
the text now, and signed PDFs read and tied to the agreement.
"""
