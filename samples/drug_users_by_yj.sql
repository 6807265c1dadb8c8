-- Persons (id5) receiving drugs, by YJ-code prefix (薬効分類 + 成分: the first 8 characters of
-- the 薬価基準収載医薬品コード), counting 院内 prescriptions on 医科 receipts and 院外 ones
-- filled at pharmacies (調剤 receipts) together. The data is FICTITIOUS.
WITH rx AS (
    SELECT re.id5, iy.medicine_cd, 'in-house' AS route
    FROM tnds_t_rcp_med_iy iy JOIN tnds_t_rcp_med_re re USING (seq2_no)
    UNION ALL
    SELECT re.id5, iy.medicine_cd, 'pharmacy'
    FROM tnds_t_rcp_pha_iy iy JOIN tnds_t_rcp_pha_re re USING (seq2_no)
)
SELECT substr(m.drug_price_std_cd, 1, 8) AS yj8, min(m.msn_kanj) AS example,
       count(DISTINCT rx.id5) AS persons,
       count(DISTINCT rx.id5) FILTER (WHERE route = 'pharmacy') AS via_pharmacy
FROM rx JOIN tnds_m_medicine m USING (medicine_cd)
GROUP BY 1
ORDER BY persons DESC;
