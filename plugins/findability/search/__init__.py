"""Static search: story records in, a partitioned and incremental Pagefind index out.

Four rooms, each importing only those before it:
- `service`: the client of `pagefind --service`, the protocol over its pipes;
- `parts`: search records, their pages for Pagefind, the cut into parts by period, digests;
- `settle`: a fresh bundle rewritten so that the same records always give the same bytes;
- `store`: bundles by digest in the cache (checked, sealed, pruned) and placed into output/.
"""
