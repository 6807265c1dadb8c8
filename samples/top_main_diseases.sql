-- The ten most frequent main diseases (主傷病) on 医科 receipts, with ICD-10 from the 傷病名
-- master, counting receipts and distinct persons (id5). The data is FICTITIOUS.
SELECT sy.skwd_name_cd, m.skwd_std_name, m.icd_10_1,
       count(*) AS receipts, count(DISTINCT re.id5) AS persons
FROM tnds_t_rcp_med_sy sy
JOIN tnds_t_rcp_med_re re ON re.seq2_no = sy.seq2_no
JOIN tnds_m_skwd m ON m.skwd_name_cd = sy.skwd_name_cd
WHERE sy.main_skwd = '01'
GROUP BY 1, 2, 3
ORDER BY receipts DESC
LIMIT 10;
