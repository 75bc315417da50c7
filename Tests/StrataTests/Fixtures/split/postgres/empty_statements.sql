;
;;
SELECT 1;;
  ;
