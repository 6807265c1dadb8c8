-- 特定保健指導: examinees assigned 積極的支援 (1) or 動機付け支援 (2), how many started guidance
-- and how many reached the final evaluation (報告区分 22), by insurer system. The data is FICTITIOUS.
SELECT CASE substr(b.insurer_no_org, 1, 2) WHEN '01' THEN '協会けんぽ' WHEN '06' THEN '組合健保'
            WHEN '31' THEN '共済' WHEN '32' THEN '共済' WHEN '33' THEN '共済' WHEN '34' THEN '共済'
            ELSE '国保' END AS insurer,
       count(*) AS examinees,
       count(*) FILTER (WHERE l.value_cd IN ('1', '2')) AS assigned,
       count(h.seq1_no) AS started,
       count(h.seq1_no) FILTER (WHERE h.rpt_div = '22') AS completed
FROM tnds_t_tokken_base b
JOIN tnds_t_tokken_exam l ON l.seq1_no = b.seq1_no AND l.cd = '9N506000000000011'
LEFT JOIN tnds_t_thoken_base h ON h.mee_seq1_no = b.seq1_no
GROUP BY 1
ORDER BY 1;
