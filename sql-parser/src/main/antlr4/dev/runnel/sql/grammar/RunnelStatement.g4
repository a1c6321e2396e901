// Runnel's statement envelope. The parser helper fills this in; query bodies go to Calcite.
grammar RunnelStatement;

statement : SHOW IDENT EOF ;

SHOW : [Ss][Hh][Oo][Ww] ;
IDENT : [A-Za-z_][A-Za-z_0-9]* ;
WS : [ \t\r\n]+ -> skip ;
