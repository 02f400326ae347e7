-- Open QA findings of a synthetic city (bench/bench_review.py runs its QA once when there are none).
select count(*) as n from qa_finding where status = 'new'
